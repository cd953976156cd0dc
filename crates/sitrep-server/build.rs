// include_dir! cannot tell cargo which files it read (that needs nightly's tracked_path): without
// this, an edit of the dashboard would not rebuild the server.
fn main() {
    println!("cargo:rerun-if-changed=../../web/static");
}
