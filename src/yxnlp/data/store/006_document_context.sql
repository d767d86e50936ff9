-- yxnlp store, schema version 6 (record schema 3): what the report covers and where it came
-- from, and the place a figure is about when it is not the report's region.
--   documents.summary_period  '2023', or the months of a 上半年 / 1-11月 summary ('2023-01..2023-06')
--   documents.zone            a development or high-tech zone the report speaks for
--   documents.url             the page's address, when a user gave it (--manifest, --meta)
--   indicators.scope          全国, 全省, 武汉都市圈 …: such a figure has no key
-- Rows stored before it keep NULL until their document is upserted again.

ALTER TABLE documents ADD COLUMN summary_period VARCHAR;
ALTER TABLE documents ADD COLUMN zone VARCHAR;
ALTER TABLE documents ADD COLUMN url VARCHAR;
ALTER TABLE indicators ADD COLUMN scope VARCHAR;

-- A view binds its columns when it is created: recreate the one that lists indicator columns.
CREATE OR REPLACE VIEW indicator_view AS
SELECT i.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source,
       d.path AS document_path
FROM indicators i JOIN documents d ON d.id = i.document_id;
