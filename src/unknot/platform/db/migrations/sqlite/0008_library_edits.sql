-- Empower: self-care library entries written by a clinic's admins. The files
-- in content/library/ stay the defaults; a clinic's entry with the same slug
-- replaces the default for that clinic only, a new slug adds an entry. The
-- text stored is the whole entry as a file holds it (front matter + body).
-- Nothing is deleted: removing an entry appends a "removed" version, which
-- shows the default again (or takes a clinic-only entry out of the library).
-- Instants are UTC microseconds; `*_by` and `author` hold the user's uuid.

-- One row per clinic and slug ever written: the current state.
CREATE TABLE library_entry (
  id INTEGER PRIMARY KEY,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  slug TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),  -- the latest version's number
  removed INTEGER NOT NULL CHECK (removed IN (0, 1)),
  markdown TEXT,                 -- the text in force; NULL when removed
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (clinic_id, slug)
) STRICT;

-- Every version, with its author: the whole text of a saved version, no text
-- for a removal.
CREATE TABLE library_entry_version (
  entry_id INTEGER NOT NULL REFERENCES library_entry (id),
  version INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('saved', 'removed')),
  markdown TEXT,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (entry_id, version)
) STRICT;
