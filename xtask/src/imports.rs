//! Short names for the main module's imports from its JavaScript glue.
//!
//! wasm-bindgen names each function the module imports from its glue
//! after the Rust item and a 16-digit hash (`__wbg_append_4a4f0d6da2dd2fa3`),
//! and writes every name twice: in the module's import section and as a
//! key of the glue's import object. Hex digits hardly compress: about 300
//! such names were 7 KB of brotli on every first visit
//! (docs/benchmarks.md). This renames them `a`, `b`, … `Z`, `aa`, … in both
//! files, as binaryen's `minify-imports` pass does for emscripten's `env`
//! imports (that pass leaves other modules' imports alone).

use anyhow::{bail, Context, Result};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// `wasm` and its `glue` with every import from `module` (the glue, as the
/// module names it) renamed to a short name. Fails, rather than build an
/// app that cannot start, if a name is not a key written exactly once in
/// the glue.
pub fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String)> {
    let mut out = Module::new();
    let mut glue = glue.to_string();
    let mut renamed = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.context("reading the main module")?;
        if let Payload::ImportSection(reader) = &payload {
            let mut imports = ImportSection::new();
            for import in reader.clone().into_imports() {
                let import = import?;
                let ty = RoundtripReencoder.entity_type(import.ty)?;
                if import.module != module {
                    imports.import(import.module, import.name, ty);
                    continue;
                }
                let short = short_name(renamed);
                renamed += 1;
                let key = format!("{}:", import.name);
                if glue.matches(import.name).count() != 1 || glue.matches(&key).count() != 1 {
                    bail!(
                        "the glue does not name the import `{}` once, as a key: see xtask/src/imports.rs",
                        import.name
                    );
                }
                glue = glue.replacen(&key, &format!("{short}:"), 1);
                imports.import(import.module, &short, ty);
            }
            out.section(&imports);
        } else if let Some((id, range)) = payload.as_section() {
            let range = range.start as usize..range.end as usize;
            out.section(&RawSection {
                id,
                data: &wasm[range],
            });
        }
    }
    Ok((out.finish(), glue))
}

/// The `n`th short name: `a` … `z`, `A` … `Z`, then `aa`, `ab`, …
/// (never `__proto__`, which the glue's import object also holds).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, Instruction,
        TypeSection,
    };

    /// A module importing two functions from `./app_bg.js` and one from
    /// elsewhere, and calling the second glue import from its export.
    fn module() -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut imports = ImportSection::new();
        imports.import(
            "./app_bg.js",
            "__wbg_log_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import(
            "./app_bg.js",
            "__wbg_warn_fedcba9876543210",
            EntityType::Function(0),
        );
        imports.import("./loader.js", "load", EntityType::Function(0));
        module.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut exports = ExportSection::new();
        exports.export("run", ExportKind::Func, 3);
        module.section(&exports);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instruction(&Instruction::Call(1));
        body.instruction(&Instruction::End);
        code.function(&body);
        module.section(&code);
        module.finish()
    }

    const GLUE: &str = "const imports = { __proto__: null,\n\
        __wbg_log_0123456789abcdef: function() { console.log(1) },\n\
        __wbg_warn_fedcba9876543210: function() { console.warn(2) },\n};";

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::ImportSection(reader) = payload.unwrap() {
                for import in reader.into_imports() {
                    let import = import.unwrap();
                    found.push((import.module.to_string(), import.name.to_string()));
                }
            }
        }
        found
    }

    #[test]
    fn renames_the_glue_imports_in_both_files_and_nothing_else() {
        let (wasm, glue) = shorten(&module(), GLUE, "./app_bg.js").unwrap();
        assert_eq!(
            imports_of(&wasm),
            [
                ("./app_bg.js".to_string(), "a".to_string()),
                ("./app_bg.js".to_string(), "b".to_string()),
                ("./loader.js".to_string(), "load".to_string()),
            ]
        );
        assert_eq!(
            glue,
            "const imports = { __proto__: null,\n\
             a: function() { console.log(1) },\n\
             b: function() { console.warn(2) },\n};"
        );
        // Everything else is as it was: the module still validates, with
        // its code calling the same import.
        wasmparser::validate(&wasm).unwrap();
    }

    #[test]
    fn refuses_a_glue_that_does_not_name_an_import_as_a_key() {
        let missing = GLUE.replace("__wbg_warn_fedcba9876543210:", "warn:");
        assert!(shorten(&module(), &missing, "./app_bg.js").is_err());
        let twice = format!("{GLUE}\nwasm.__wbg_log_0123456789abcdef();");
        assert!(shorten(&module(), &twice, "./app_bg.js").is_err());
    }

    #[test]
    fn short_names_are_letters_and_unique() {
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "aa");
        assert_eq!(short_name(53), "ab");
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
