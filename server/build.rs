//! Rebuild when migrations change: `sqlx::migrate!` embeds them at compile time
//! but cargo does not otherwise know to watch the directory.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
