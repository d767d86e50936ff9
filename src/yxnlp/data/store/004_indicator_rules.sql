-- yxnlp store, schema version 4: indicators.rules, the rule that set each decided field of an
-- indicator (status, period, qualifier), as JSON text like documents.rules:
--   SELECT text, json_extract_string(rules, '$.status') FROM indicators
-- Indicators stored before it keep NULL until their document is upserted again.

ALTER TABLE indicators ADD COLUMN rules VARCHAR;

-- A view binds its columns when it is created: recreate the one that lists indicator columns.
CREATE OR REPLACE VIEW indicator_view AS
SELECT i.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source
FROM indicators i JOIN documents d ON d.id = i.document_id;
