-- The store's ordered trees: one row per key, bytes compared bytewise as
-- sled compares them, so both engines read in the same order.
CREATE TABLE mesa_tree (
    tree  text  NOT NULL,
    key   bytea NOT NULL,
    value bytea NOT NULL,
    PRIMARY KEY (tree, key)
);
