//! Hostile input: terminal escapes, exported cells, file permissions, the audit head.
