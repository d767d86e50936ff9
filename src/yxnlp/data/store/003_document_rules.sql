-- yxnlp store, schema version 3: documents.rules, which rule set each metadata field (record
-- schema 2, document.rules), as JSON text like entities.attributes:
--   SELECT title, json_extract_string(rules, '$.title') FROM documents
-- Documents stored before it (record schema 1) keep NULL until they are upserted again.

ALTER TABLE documents ADD COLUMN rules VARCHAR;
