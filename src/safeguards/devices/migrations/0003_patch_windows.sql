-- Patch planning: when devices may be patched (maintenance windows per device class, or per
-- device overriding its class), dates when nothing may be patched (blackouts) and
-- manufacturers whose fixes need vendor validation first, with its lead time.

-- One recurring window: an RFC 5545 RRULE (the subset Ward expands) from start_date at
-- start_time local time in time_zone, lasting duration_minutes. capacity: devices of one class
-- biomed can patch in one occurrence.
CREATE TABLE device_patch_windows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_class text
    CHECK (device_class IN ('life_critical', 'clinical', 'clinical_support', 'building_iot', 'it')),
  device_id uuid REFERENCES devices (asset_id) ON DELETE CASCADE,
  label text NOT NULL DEFAULT '',
  rrule text NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^[0-9]{1,2}:[0-9]{2}$'),
  start_date date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 10080),
  time_zone text NOT NULL,
  capacity integer NOT NULL DEFAULT 10 CHECK (capacity > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Insertion order, for listing windows as they were defined (created_at ties under one clock).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  CHECK ((device_class IS NULL) <> (device_id IS NULL))
);
CREATE INDEX device_patch_windows_class_idx ON device_patch_windows (device_class);
CREATE INDEX device_patch_windows_device_idx ON device_patch_windows (device_id);

-- Local dates, inclusive, e.g. a flu-season surge.
CREATE TABLE device_patch_blackouts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);

-- Keyed by the lower-cased manufacturer as the inventory names it.
CREATE TABLE device_vendor_validation (
  manufacturer text PRIMARY KEY CHECK (manufacturer = lower(manufacturer) AND manufacturer <> ''),
  lead_days integer NOT NULL CHECK (lead_days >= 0 AND lead_days <= 365),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
