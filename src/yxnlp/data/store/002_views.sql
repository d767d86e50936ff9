-- yxnlp store, schema version 2: views that put each indicator and entity next to its
-- document's metadata, so that ad-hoc SQL needs no join:
--   SELECT region_name, text FROM indicator_view WHERE key = 'gdp_growth' AND status = 'target'
-- The document's own source is document_source (source is the indicator's rule or model).

CREATE VIEW indicator_view AS
SELECT i.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source
FROM indicators i JOIN documents d ON d.id = i.document_id;

CREATE VIEW entity_view AS
SELECT e.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source
FROM entities e JOIN documents d ON d.id = e.document_id;
