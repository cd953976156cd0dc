-- Migration 5: statements and tallies told by several documents are grouped into one
-- consolidated record, as mentions are into events. `group_id` is the id of the group's first
-- member (NULL until the first consolidation); every report keeps its own row.
ALTER TABLE statements ADD COLUMN group_id INTEGER;
ALTER TABLE tallies ADD COLUMN group_id INTEGER;
CREATE INDEX statements_group ON statements(group_id);
CREATE INDEX tallies_group ON tallies(group_id);
