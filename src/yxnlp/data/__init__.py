"""Rules and vocabularies as data files, loaded once by the stages that use them."""
