"""Extractors: numeric indicators, entities (rules + the shipped NER model), and linking."""
