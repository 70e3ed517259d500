//! Measures gazetteer load time.
fn main() {
    let t = std::time::Instant::now();
    let g = faultline_places::Gazetteer::load_default();
    println!("{:?} {}", t.elapsed(), g.map(|g| g.record_count()).unwrap_or(0));
}
