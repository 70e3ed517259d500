//! JSON Lines: one `{article, event}` object per line, the event contract of `faultline
//! events --json`.

use crate::{EventWriter, ExportError, Written};
use faultline_store::StoredEvent;
use std::io::Write;

pub(crate) struct JsonlWriter<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> JsonlWriter<W> {
    pub(crate) fn new(out: W) -> Self {
        JsonlWriter { out, written: 0 }
    }
}

impl<W: Write> EventWriter for JsonlWriter<W> {
    fn write(&mut self, event: &StoredEvent) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, event)?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Written, ExportError> {
        self.out.flush()?;
        Ok(Written { written: self.written, left_out: 0 })
    }
}
