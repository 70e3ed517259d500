//! JSON Lines: one JSON object per event and line. The event contract of `faultline events
//! --json` (`{article, event}`) is written this way, and so is PLOVER's record.

use crate::{EventWriter, ExportError, Written};
use faultline_store::StoredEvent;
use std::io::Write;

/// Writes one event's record as JSON, without the line break.
pub(crate) type WriteRecord<W> = fn(&mut W, &StoredEvent) -> serde_json::Result<()>;

pub(crate) struct JsonLinesWriter<W: Write> {
    out: W,
    write_record: WriteRecord<W>,
    written: usize,
}

impl<W: Write> JsonLinesWriter<W> {
    pub(crate) fn new(out: W, write_record: WriteRecord<W>) -> Self {
        JsonLinesWriter { out, write_record, written: 0 }
    }

    /// The `{article, event}` objects of `faultline events --json`.
    pub(crate) fn events(out: W) -> Self {
        JsonLinesWriter::new(out, |out, event| serde_json::to_writer(out, event))
    }
}

impl<W: Write> EventWriter for JsonLinesWriter<W> {
    fn write(&mut self, event: &StoredEvent) -> Result<(), ExportError> {
        (self.write_record)(&mut self.out, event)?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Written, ExportError> {
        self.out.flush()?;
        Ok(Written { written: self.written, left_out: 0 })
    }
}
