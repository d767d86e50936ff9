-- yxnlp store, schema version 1. Applied by yxnlp.store when a database is opened for writing.
-- Column names follow the record model (src/yxnlp/record.py): nested objects are flattened with
-- an underscore (region.name -> region_name, normalized.value -> normalized_value); a span
-- [start, end) becomes <field>_start and <field>_end; provenance fields keep their own names.
-- Every table but documents carries document_id; an upsert deletes a document's rows in all
-- tables and inserts them again in one transaction.

CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,          -- sha256 of the input bytes
    source VARCHAR NOT NULL,
    title VARCHAR,
    issuer VARCHAR,
    region_name VARCHAR,
    region_code VARCHAR,
    published VARCHAR,               -- YYYY-MM-DD
    summary_year INTEGER,
    plan_year INTEGER,
    report_year INTEGER,             -- plan_year, else summary_year + 1, else the published year
    format VARCHAR,
    length INTEGER,
    schema_version VARCHAR,
    yxnlp VARCHAR,
    segmenter VARCHAR,
    ner_model VARCHAR,
    created VARCHAR,
    n_sections INTEGER,
    n_sentences INTEGER,
    n_indicators INTEGER,
    n_entities INTEGER
);

CREATE TABLE sections (
    document_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    heading VARCHAR,
    level INTEGER,
    number VARCHAR,
    parent VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    heading_span_start INTEGER,
    heading_span_end INTEGER,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE indicators (
    document_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    key VARCHAR,
    key_source VARCHAR,
    subject VARCHAR,
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    sentence_span_start INTEGER,
    sentence_span_end INTEGER,
    section VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    unit_inferred BOOLEAN,
    normalized_value DOUBLE,
    normalized_unit VARCHAR,
    normalized_max DOUBLE,
    kind VARCHAR,
    qualifier VARCHAR,
    status VARCHAR,
    period VARCHAR,
    year INTEGER,                    -- first 4 digits of period, else the document's year
    entity VARCHAR,
    source VARCHAR,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE entities (
    document_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    label VARCHAR,
    name VARCHAR,
    canonical VARCHAR,
    attributes VARCHAR,              -- JSON object as text
    n_mentions INTEGER,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE mentions (
    document_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,              -- position in the entity's mention list
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    source VARCHAR,
    PRIMARY KEY (document_id, entity_id, n)
);

-- The whole record as JSON, so that a record read back from the store equals the one written.
CREATE TABLE records (
    document_id VARCHAR PRIMARY KEY,
    record VARCHAR NOT NULL
);
