//! sitrep's gazetteer and place resolver.
//!
//! - In: GeoNames dumps (to build an index), or a built index (to load), and text to resolve.
//! - Out: places with GeoNames id, admin1/admin2, country, coordinates and a precision.
//! - Never: a wrong guess with high confidence; an unresolvable name yields no place.
