-- CreateTable
CREATE TABLE "audit_records" (
    "seq" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "request_id" UUID,
    "client_id" TEXT,
    "sub" TEXT,
    "target" TEXT,
    "address" TEXT,
    "correlation_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "audit_records_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_records_event_id_key" ON "audit_records"("event_id");
CREATE INDEX "audit_records_sub_seq_idx" ON "audit_records"("sub", "seq");
CREATE INDEX "audit_records_client_id_seq_idx" ON "audit_records"("client_id", "seq");
CREATE INDEX "audit_records_request_id_seq_idx" ON "audit_records"("request_id", "seq");

-- Append-only: every UPDATE, DELETE or TRUNCATE is refused.
CREATE FUNCTION "audit_records_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_records_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_records"
  FOR EACH ROW EXECUTE FUNCTION "audit_records_append_only"();
CREATE TRIGGER "audit_records_no_truncate" BEFORE TRUNCATE ON "audit_records"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_records_append_only"();
