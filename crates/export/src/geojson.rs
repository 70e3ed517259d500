//! GeoJSON: one FeatureCollection, a Point feature per event whose place has coordinates
//! (the others are counted as left out). Properties hold what a map needs to label, colour
//! and link a marker: type, mode, date, actors' names, place, fatalities, status and the
//! article it came from, with the evidence text. Keys are written in sorted order.

use crate::{EventWriter, ExportError, Written, evidence_text, json_figure, labels};
use faultline_store::StoredEvent;
use serde_json::json;
use std::io::Write;

pub(crate) struct GeojsonWriter<W: Write> {
    out: W,
    written: usize,
    left_out: usize,
}

impl<W: Write> GeojsonWriter<W> {
    pub(crate) fn new(out: W) -> Self {
        GeojsonWriter { out, written: 0, left_out: 0 }
    }
}

impl<W: Write> EventWriter for GeojsonWriter<W> {
    fn write(&mut self, stored: &StoredEvent) -> Result<(), ExportError> {
        let event = &stored.event;
        let Some((place, lat, lon)) = event.place.as_ref().and_then(|p| Some((p, p.lat?, p.lon?))) else {
            self.left_out += 1;
            return Ok(());
        };
        let fatalities = event.fatalities.overall().and_then(|range| range.best.or(range.low));
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "event_id": event.id,
                "type": event.event_type,
                "mode": event.mode,
                "date": stored.date(),
                "source": labels::names(&event.source),
                "target": labels::names(&event.target),
                "place": place.name,
                "country": place.country,
                "fatalities": json_figure(fatalities),
                "status": event.status,
                "modality": event.modality,
                "background": event.background,
                "article_id": stored.article.id,
                "article_title": stored.article.title,
                "outlet": stored.article.outlet,
                "url": stored.article.url,
                "evidence": evidence_text(event),
            },
        });
        self.out.write_all(if self.written == 0 { b"{\"features\":[" } else { b"," })?;
        serde_json::to_writer(&mut self.out, &feature)?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Written, ExportError> {
        if self.written == 0 {
            self.out.write_all(b"{\"features\":[")?;
        }
        self.out.write_all(b"],\"type\":\"FeatureCollection\"}\n")?;
        self.out.flush()?;
        Ok(Written { written: self.written, left_out: self.left_out })
    }
}
