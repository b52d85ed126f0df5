//! The core's modules follow the layers README lists (its ```layers block): a module uses only
//! modules of the layers below its own, so no two import each other in a circle. Read from the
//! source as it is: every `crate::` path in each top-level module's files, grouped imports
//! included. The shells (`ui/`, `bin/`, the three `main`s) sit above it all and are not checked.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first: one line of README's ```layers block each, `#` starting a comment.
fn layers(readme: &str) -> Vec<Vec<String>> {
    let block = readme.split("```layers\n").nth(1).expect("README has a ```layers block");
    let block = block.split("```").next().unwrap_or_default();
    block
        .lines()
        .map(|line| {
            line.split('#').next().unwrap_or_default().split_whitespace().map(str::to_string).collect()
        })
        .filter(|layer: &Vec<String>| !layer.is_empty())
        .collect()
}

/// The top-level modules that `crate::` paths in `text` name: `crate::a::…`, and each name of a
/// group, `crate::{a, b::c, d::{e, f}}`. Lines that are comments are passed over.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let code: String =
        text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level names: up to the brace that closes it, nested ones skipped.
            let (mut depth, mut name, mut taking) = (0, String::new(), true);
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.extend((!name.is_empty()).then(|| std::mem::take(&mut name)));
                        taking = true;
                    }
                    ':' if depth == 0 => taking = false,
                    c if depth == 0 && taking && (c.is_ascii_alphanumeric() || c == '_') => name.push(c),
                    _ => {}
                }
            }
            found.extend((!name.is_empty()).then_some(name));
        } else {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            found.extend((!name.is_empty()).then_some(name));
        }
    }
    found
}

/// Each top-level module of the core (a file `src/<m>.rs`, a folder `src/<m>/`, or both) and the
/// other top-level modules its files name.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let shells = ["ui", "bin", "main", "doctor_main", "files_main", "lib"];
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if shells.contains(&name.as_str()) || !(path.is_dir() || name_is_rust(&path)) {
            continue;
        }
        let files = modules.entry(name).or_insert_with(Vec::new);
        if path.is_dir() {
            let mut stack = vec![path];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if name_is_rust(&p) {
                        files.push(p);
                    }
                }
            }
        } else {
            files.push(path);
        }
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .into_iter()
        .map(|(module, files)| {
            let used = files
                .iter()
                .flat_map(|f| crate_paths(&std::fs::read_to_string(f).unwrap()))
                .filter(|used| *used != module && names.contains(used))
                .collect();
            (module, used)
        })
        .collect()
}

fn name_is_rust(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs")
}

/// What breaks the order: an import of the same layer or above, a module the layers do not place,
/// a layer that names a module the source does not have.
fn violations(layers: &[Vec<String>], imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let layer_of: BTreeMap<&str, usize> =
        layers.iter().enumerate().flat_map(|(i, layer)| layer.iter().map(move |m| (m.as_str(), i))).collect();
    let mut found = Vec::new();
    for (module, used) in imports {
        let Some(&own) = layer_of.get(module.as_str()) else {
            found.push(format!("{module} is in no layer: add it to README's ```layers block"));
            continue;
        };
        for other in used {
            match layer_of.get(other.as_str()) {
                Some(&layer) if layer == own => {
                    found.push(format!("{module} uses {other}, of its own layer"))
                }
                Some(&layer) if layer > own => found.push(format!("{module} uses {other}, a layer above it")),
                _ => {}
            }
        }
    }
    for module in layer_of.keys() {
        if !imports.contains_key(*module) {
            found.push(format!("the layers name {module}, which src/ does not have"));
        }
    }
    found
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_core_follows_the_layers_readme_lists() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let layers = layers(&readme);
    assert!(layers.len() >= 10, "{layers:?}");
    let imports = imports(&root().join("src"));
    assert!(imports.len() >= 20, "{imports:?}");
    // The parse sees grouped imports: bundle's `use crate::k8s::{self, …}` and the rest.
    assert!(imports["bundle"].contains("k8s") && imports["bundle"].contains("sim"), "{imports:?}");
    assert_eq!(violations(&layers, &imports), Vec::<String>::new());
}

/// The check fails on what it exists to catch: an import upward (the kind that closed the circle,
/// `kafka::client` using `bundle::Step`), one sideways, a module placed nowhere.
#[test]
fn an_import_against_the_layers_fails_the_check() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let layers = layers(&readme);
    let mut imports = imports(&root().join("src"));
    imports.get_mut("kafka").unwrap().insert("bundle".into());
    imports.get_mut("checks").unwrap().insert("share".into());
    imports.insert("newcomer".into(), BTreeSet::new());
    assert_eq!(
        violations(&layers, &imports),
        [
            "checks uses share, of its own layer",
            "kafka uses bundle, a layer above it",
            "newcomer is in no layer: add it to README's ```layers block",
        ]
    );
    assert_eq!(
        crate_paths("use crate::{a::b, c::{d, e}, f};\n// crate::g in a comment\nlet x = crate::h::i();"),
        ["a", "c", "f", "h"].into_iter().map(String::from).collect()
    );
}
