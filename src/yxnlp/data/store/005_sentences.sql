-- yxnlp store, schema version 5: every row leads back to its sentence and its file.
--   documents.path        the source file's absolute path, checked against the document's sha256
--                         (documents.id) when the record was stored; NULL when it was not found
--   indicators.sentence   the text of the indicator's sentence (sentence_span)
--   indicators.period_start, period_end   the period as dates: '2021-01..2021-11' is
--                         2021-01-01 .. 2021-11-30; '2021..2025' is 2021-01-01 .. 2025-12-31
--   mentions.sentence_span_start, sentence_span_end, sentence   the mention's sentence
-- yxnlp.store stores an older store's records again right after this migration (from its
-- records table), so they are filled in from the files found where the store is opened.
-- The views gain document_path; mention_view puts each mention next to its entity and document:
--   SELECT canonical, report_year, sentence FROM mention_view WHERE label = 'COMPANY'

ALTER TABLE documents ADD COLUMN path VARCHAR;
ALTER TABLE indicators ADD COLUMN period_start DATE;
ALTER TABLE indicators ADD COLUMN period_end DATE;
ALTER TABLE indicators ADD COLUMN sentence VARCHAR;
ALTER TABLE mentions ADD COLUMN sentence_span_start INTEGER;
ALTER TABLE mentions ADD COLUMN sentence_span_end INTEGER;
ALTER TABLE mentions ADD COLUMN sentence VARCHAR;

CREATE OR REPLACE VIEW indicator_view AS
SELECT i.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source,
       d.path AS document_path
FROM indicators i JOIN documents d ON d.id = i.document_id;

CREATE OR REPLACE VIEW entity_view AS
SELECT e.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source,
       d.path AS document_path
FROM entities e JOIN documents d ON d.id = e.document_id;

CREATE VIEW mention_view AS
SELECT m.*, e.label, e.name, e.canonical,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source,
       d.path AS document_path
FROM mentions m
JOIN entities e ON e.document_id = m.document_id AND e.id = m.entity_id
JOIN documents d ON d.id = m.document_id;
