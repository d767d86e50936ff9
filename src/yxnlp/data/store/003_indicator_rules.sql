-- Which rule set each decided field of an indicator (status, period, qualifier), as JSON.
ALTER TABLE indicators ADD COLUMN rules JSON;
-- Views bind their column list when created: recreate the one that lists indicator columns.
CREATE OR REPLACE VIEW indicator_view AS
SELECT i.*,
       d.region_name, d.region_code, d.issuer, d.title, d.published,
       d.summary_year, d.plan_year, d.report_year, d.source AS document_source
FROM indicators i JOIN documents d ON d.id = i.document_id;
