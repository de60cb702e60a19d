//! Errors at the edge: closed pipes, missing stores, configuration, system errors in Spanish.
