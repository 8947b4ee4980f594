"""stancetrace: who said what, when, to or about whom, and with what stance.

The package mirrors the data flow: ingest -> nlp -> attribution -> actors/time ->
coding -> store -> analysis -> report/web. Importing the package (or the CLI) does
not load spaCy; only `stancetrace.nlp.load_model` does.
"""

__version__ = "0.1.0"
