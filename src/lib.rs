//! `mesa`: a terminal service desk for RENIEC digital certificates.

pub mod bench;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod export;
pub mod mail;
pub mod media;
pub mod store;
pub mod strings;
pub mod tui;
