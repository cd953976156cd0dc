#!/usr/bin/env python3
"""Fills a sitrep database with N synthetic events for the load test: copies of its own events
(from `sitrep ingest examples/reports.jsonl`), re-dated over 2020-2024 and moved among a few
provinces. Usage: fill_events.py DB N. Writes the events table and its actor lookup (what the events and counts endpoints read)."""
import sqlite3, json, random, datetime, sys
db = sqlite3.connect(sys.argv[1])
n = int(sys.argv[2])
rows = db.execute("SELECT json FROM events WHERE event_type IS NOT NULL").fetchall()
protos = [json.loads(r[0]) for r in rows]
places = [("Kabul","AF",34.53,69.17),("Balkh","AF",36.7,67.1),("Nangarhar","AF",34.4,70.4),("Khyber Pakhtunkhwa","PK",34.0,71.5),
          ("Banaadir","SO",2.04,45.3),("Borno State","NG",11.8,13.1),("Kharkivs'ka Oblast'","UA",49.99,36.23)]
random.seed(7)
start = datetime.date(2020,1,1)
batch = []
for i in range(n):
    s = json.loads(json.dumps(random.choice(protos)))
    d = start + datetime.timedelta(days=random.randrange(0, 5*365))
    a1, c, lat, lon = random.choice(places)
    e = s["event"]
    e["date"] = d.isoformat(); e["date_end"] = None; e["date_precision"] = "day"
    if e.get("location"):
        e["location"].update({"name": a1, "admin1": a1, "country": c, "lat": lat + random.uniform(-.5,.5), "lon": lon + random.uniform(-.5,.5)})
    k = random.randint(0, 30)
    s["estimate"] = {"low": k, "best": k, "high": k + random.randint(0,5)}
    s["key"] = "load%08d#0" % i
    batch.append((s["key"], json.dumps(s), e.get("event_type"), e.get("sub_event_type"), e["date"], None, c, a1, a1,
                  (e.get("actor1") or {}).get("name"), (e.get("actor2") or {}).get("name"), k, k, k, 1, 1, 0.8,
                  "2026-11-29T00:00:00Z", (e.get("plover") or {}).get("type")))
db.executemany("""INSERT INTO events(key, json, event_type, sub_event_type, date, date_end, country, admin1, location,
  actor1, actor2, fatalities_low, fatalities_best, fatalities_high, n_mentions, n_sources, confidence, updated_at, plover)
  VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", batch)
# The actor filter reads event_actors (store migration 4): the copies answer to their own actors.
db.execute("""INSERT OR IGNORE INTO event_actors(name, role, event_id)
  SELECT x, r, id FROM (SELECT id, actor1 AS x, 0 AS r FROM events UNION ALL SELECT id, actor2, 0 FROM events
    UNION ALL SELECT id, actor1, 1 FROM events UNION ALL SELECT id, actor2, 1 FROM events)
  WHERE x IS NOT NULL AND id IN (SELECT id FROM events WHERE key LIKE 'load%')""")
# Store migration 6: a one-day event's window is 0 days long.
if any(c[1] == "span" for c in db.execute("PRAGMA table_info(events)")):
    db.execute("UPDATE events SET span = 0 WHERE key LIKE 'load%'")
db.commit()
print(db.execute("SELECT count(*) FROM events").fetchone()[0])
