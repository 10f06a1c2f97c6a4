//! A check of the app's translations, run with the xtask tests: both files
//! parse (the app refuses to start otherwise), both languages define the
//! same messages, and every message key the code names literally exists (a
//! missing one would show its raw key to the user).

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn app_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../app")
    }

    /// Message ids defined in a Fluent file (`id = …` at the start of a line).
    fn message_ids(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| {
                !id.is_empty()
                    && id.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
            })
            .map(str::to_string)
            .collect()
    }

    fn read(path: PathBuf) -> String {
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every string literal the code passes as a message key.
    fn keys_used_in(dir: &Path, keys: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                keys_used_in(&path, keys);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = read(path);
                for marker in ["i18n.t(\"", "t_with(\"", "label=\"", "yes=\""] {
                    for piece in source.split(marker).skip(1) {
                        if let Some((key, _)) = piece.split_once('"') {
                            keys.insert(key.to_string());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn both_files_parse_without_errors() {
        for lang in ["pl", "en"] {
            let source = read(app_dir().join(format!("locales/{lang}.ftl")));
            if let Err((_, errors)) = fluent_syntax::parser::parse(source.as_str()) {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| {
                        let line = source[..e.pos.start].lines().count();
                        format!("line {line}: {:?}", e.kind)
                    })
                    .collect();
                panic!("{lang}.ftl does not parse: {lines:#?}");
            }
        }
    }

    #[test]
    fn polish_and_english_define_the_same_messages() {
        let pl = message_ids(&read(app_dir().join("locales/pl.ftl")));
        let en = message_ids(&read(app_dir().join("locales/en.ftl")));
        assert!(pl.len() > 100, "the files were read ({} ids)", pl.len());
        let only_pl: Vec<_> = pl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&pl).collect();
        assert!(
            only_pl.is_empty() && only_en.is_empty(),
            "only in pl: {only_pl:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn every_key_the_code_names_is_translated() {
        let defined = message_ids(&read(app_dir().join("locales/en.ftl")));
        let mut used = BTreeSet::new();
        keys_used_in(&app_dir().join("src"), &mut used);
        assert!(
            used.len() > 50,
            "keys were found in the code ({})",
            used.len()
        );
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(
            missing.is_empty(),
            "message keys used but not defined: {missing:?}"
        );
    }
}
