//! Reading the whole queue when the console opens: a million stored queue
//! rows are read from sled, decoded and packed into the index in a pipeline
//! of three threads, each stage working on the previous chunk.

use std::sync::mpsc::sync_channel;

use super::queue_index::QueueIndex;
use crate::store::{Result, Store, StoreError, summary::decode_queue_row};

/// Rows handed from one stage to the next.
const CHUNK: usize = 4_096;

pub fn read_all(store: &Store) -> Result<QueueIndex> {
    let expected = store.status_counts()?.iter().sum::<u64>() as usize;
    std::thread::scope(|s| {
        let (raw_tx, raw_rx) = sync_channel::<Result<Vec<(Vec<u8>, Vec<u8>)>>>(4);
        let (rows_tx, rows_rx) = sync_channel(4);
        s.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            for kv in store.queue_row_values() {
                match kv {
                    Ok(kv) => chunk.push(kv),
                    Err(e) => {
                        let _ = raw_tx.send(Err(e));
                        return;
                    }
                }
                if chunk.len() == CHUNK && raw_tx.send(Ok(std::mem::take(&mut chunk))).is_err() {
                    return;
                }
            }
            let _ = raw_tx.send(Ok(chunk));
        });
        s.spawn(move || {
            for raw in raw_rx {
                let rows = raw.and_then(|raw| {
                    raw.iter()
                        .map(|(k, v)| decode_queue_row(k, v))
                        .collect::<Result<Vec<_>>>()
                });
                let failed = rows.is_err();
                if rows_tx.send(rows).is_err() || failed {
                    return;
                }
            }
        });
        let mut failed: Option<StoreError> = None;
        let index = QueueIndex::from_arrival_order_sized(
            rows_rx
                .iter()
                .map_while(|rows| rows.map_err(|e| failed = Some(e)).ok())
                .flatten(),
            expected,
        );
        match failed {
            Some(e) => Err(e),
            None => Ok(index),
        }
    })
}
