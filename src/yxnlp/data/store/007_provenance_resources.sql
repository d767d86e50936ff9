-- yxnlp store, schema version 7: documents.resources, the lexicons and libraries the record's
-- rules read, by role, as JSON text (record provenance.resources):
--   SELECT source, json_extract_string(resources, '$."company lexicon"') FROM documents
-- Documents stored before it keep NULL until they are upserted again.

ALTER TABLE documents ADD COLUMN resources VARCHAR;
