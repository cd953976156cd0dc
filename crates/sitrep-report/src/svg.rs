//! The timeline chart: events per day, week or month as an SVG bar chart.
//! Hand-written: a dozen rectangles do not need a plotting crate (plotters pulls in fonts).

use crate::doc::html_escape;
use chrono::{Datelike, Days, NaiveDate};
use sitrep_store::EventRecord;

const W: f64 = 720.0;
const H: f64 = 220.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 30.0;
const TOP: f64 = 14.0;

/// The first day of the bin holding `d`.
fn bin_start(d: NaiveDate, unit: &str) -> NaiveDate {
    match unit {
        "day" => d,
        "week" => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
        _ => d.with_day(1).unwrap_or(d),
    }
}

fn next_bin(d: NaiveDate, unit: &str) -> Option<NaiveDate> {
    match unit {
        "day" => d.succ_opt(),
        "week" => d.checked_add_days(Days::new(7)),
        _ => d.checked_add_months(chrono::Months::new(1)),
    }
}

/// The chart, the bin unit ("day", "week" or "month") and how many events had no date.
/// An event is drawn in the bin of its first day, or of `from` when it began earlier.
pub fn timeline_svg(
    events: &[&EventRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> (String, &'static str, usize) {
    let span = (to - from).num_days() + 1;
    let unit: &'static str = if span <= 92 {
        "day"
    } else if span <= 731 {
        "week"
    } else {
        "month"
    };
    let mut bins: Vec<(NaiveDate, u32)> = Vec::new();
    let mut d = bin_start(from, unit);
    while d <= to {
        bins.push((d, 0));
        match next_bin(d, unit) {
            Some(n) => d = n,
            None => break,
        }
    }
    let mut undated = 0;
    for r in events {
        let Some(day) = r.summary.event.date else {
            undated += 1;
            continue;
        };
        let b = bin_start(day.max(from), unit);
        if let Ok(i) = bins.binary_search_by_key(&b, |x| x.0) {
            bins[i].1 += 1;
        }
    }
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let n = bins.len().max(1) as f64;
    let plot_w = W - LEFT - 10.0;
    let plot_h = H - BOTTOM - TOP;
    let bw = plot_w / n;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" \
         role=\"img\" aria-label=\"Events per {unit}\" font-family=\"sans-serif\" font-size=\"11\">\n"
    );
    s.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#555\"/>\n",
        y = H - BOTTOM,
        x2 = W - 10.0
    ));
    s.push_str(&format!("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>\n", LEFT - 4.0, TOP + 4.0));
    s.push_str(&format!("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n", LEFT - 4.0, H - BOTTOM));
    for (i, (day, c)) in bins.iter().enumerate() {
        if *c == 0 {
            continue;
        }
        let h = plot_h * f64::from(*c) / f64::from(max);
        let x = LEFT + bw * i as f64;
        s.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#b5472b\">\
             <title>{}: {c} events</title></rect>\n",
            H - BOTTOM - h,
            (bw - 1.0).max(1.0),
            html_escape(&day.to_string())
        ));
    }
    if let (Some(first), Some(last)) = (bins.first(), bins.last()) {
        s.push_str(&format!("<text x=\"{LEFT}\" y=\"{}\">{}</text>\n", H - 10.0, first.0));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            W - 10.0,
            H - 10.0,
            last.0
        ));
    }
    s.push_str("</svg>\n");
    (s, unit, undated)
}
