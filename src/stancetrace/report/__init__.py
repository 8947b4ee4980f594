"""Outputs for people: the evidence brief (HTML or Markdown) over the stored record."""

from .brief import Brief, ReportOptions, build_brief, render, write_report
from .record import QueryError, StatementFilter, connect_readonly, find_documents, find_statements

__all__ = ["Brief", "QueryError", "ReportOptions", "StatementFilter", "build_brief", "connect_readonly",
           "find_documents", "find_statements", "render", "write_report"]
