//! CSV (or TSV, by extension) with a header row and a column mapping:
//! `--csv-map text=body,published=date,id=post_id,title=headline,url=link,source=outlet`.
//! Fields not mapped default to a column of the same name when there is one.

use crate::{Error, ReadError, stem, utf8};
use sitrep_model::{Document, Source};

/// Which column holds each document field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvMap {
    pub id: Option<String>,
    pub text: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

impl std::str::FromStr for CsvMap {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut m = CsvMap::default();
        for pair in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').ok_or_else(|| Error::CsvMap(s.to_string()))?;
            let slot = match k.trim() {
                "id" => &mut m.id,
                "text" => &mut m.text,
                "published" => &mut m.published,
                "title" => &mut m.title,
                "url" => &mut m.url,
                "source" => &mut m.source,
                _ => return Err(Error::CsvMap(s.to_string())),
            };
            *slot = Some(v.trim().to_string());
        }
        Ok(m)
    }
}

pub fn read(name: &str, bytes: &[u8], map: &CsvMap) -> Vec<Result<Document, ReadError>> {
    let text = match utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let delimiter = if name.to_ascii_lowercase().ends_with(".tsv") { b'\t' } else { b',' };
    let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![Err(ReadError::new(name, Some(1), format!("header: {e}")))],
    };
    let col = |field: &str, chosen: &Option<String>| -> Result<Option<usize>, ReadError> {
        let want = chosen.as_deref().unwrap_or(field);
        match headers.iter().position(|h| h.trim() == want) {
            Some(i) => Ok(Some(i)),
            None if chosen.is_some() => {
                Err(ReadError::new(name, Some(1), format!("no column {want:?} (for {field})")))
            }
            None => Ok(None),
        }
    };
    let cols = (|| {
        Ok::<_, ReadError>((
            col("id", &map.id)?,
            col("text", &map.text)?.ok_or_else(|| {
                ReadError::new(name, Some(1), "no text column: map one with --csv-map text=COLUMN")
            })?,
            col("published", &map.published)?,
            col("title", &map.title)?,
            col("url", &map.url)?,
            col("source", &map.source)?,
        ))
    })();
    let (id, text_col, published, title, url, source) = match cols {
        Ok(c) => c,
        Err(e) => return vec![Err(e)],
    };
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = rec.as_ref().ok().and_then(|r| r.position()).map_or(i + 2, |p| p.line() as usize);
        let r = match rec {
            Ok(r) => r,
            Err(e) => {
                out.push(Err(ReadError::new(name, Some(line), e.to_string())));
                continue;
            }
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| r.get(c)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
        };
        let Some(body) = get(Some(text_col)) else {
            out.push(Err(ReadError::new(name, Some(line), "empty text")));
            continue;
        };
        let mut doc = Document::new(get(id).unwrap_or_else(|| format!("{}:{line}", stem(name))), body, None);
        doc.published = get(published);
        doc.title = get(title);
        doc.url = get(url);
        doc.source = get(source).map(|s| Source { name: Some(s), ..Source::default() });
        out.push(doc.validate().map(|_| doc).map_err(|e| ReadError::new(name, Some(line), e.to_string())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "post_id,date,body,outlet\n\
        p1,2023-03-28,\"Blast in the city, six dead.\",Example Wire\n\
        p2,28.03.2023,Second post.,Example Wire\n\
        p3,2023-03-29,,Example Wire\n\
        p4,2023-03-30,\"multi\nline\",Other\n";

    #[test]
    fn mapped_columns() {
        let map: CsvMap = "text=body,published=date,id=post_id,source=outlet".parse().unwrap();
        let r = read("posts.csv", CSV.as_bytes(), &map);
        assert_eq!(r.len(), 4);
        let a = r[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("p1", "Blast in the city, six dead."));
        assert_eq!(a.source.as_ref().unwrap().name.as_deref(), Some("Example Wire"));
        assert_eq!(r[1].as_ref().unwrap_err().record, Some(3), "unreadable date");
        assert_eq!(r[2].as_ref().unwrap_err().record, Some(4), "empty text");
        assert_eq!(r[3].as_ref().unwrap().text, "multi\nline");
    }

    #[test]
    fn default_columns_and_missing_text_column() {
        let r = read("t.tsv", b"text\tpublished\nhello\t2023-01-01\n", &CsvMap::default());
        assert_eq!(r[0].as_ref().unwrap().id, "t:2");
        let r = read("t.csv", b"body\nx\n", &CsvMap::default());
        assert_eq!(r.len(), 1);
        assert!(r[0].is_err());
        let map: CsvMap = "text=nope".parse().unwrap();
        assert!(read("t.csv", b"body\nx\n", &map)[0].is_err());
    }

    #[test]
    fn map_syntax() {
        assert!("text=body".parse::<CsvMap>().is_ok());
        assert!("text".parse::<CsvMap>().is_err());
        assert!("colour=red".parse::<CsvMap>().is_err());
    }
}
