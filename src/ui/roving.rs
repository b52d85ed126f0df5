//! Arrow keys inside a radio group or a tab list: the group is one stop for Tab, and the arrow
//! keys, Home and End move the choice within it (the WAI-ARIA radio group and tabs patterns).

/// Where a key moves the choice among `len` items from `at`: arrows step and wrap around, Home
/// and End go to the ends; `None` for any other key.
pub fn step(key: &str, at: usize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match key {
        "ArrowRight" | "ArrowDown" => Some((at + 1) % len),
        "ArrowLeft" | "ArrowUp" => Some((at + len - 1) % len),
        "Home" => Some(0),
        "End" => Some(len - 1),
        _ => None,
    }
}

/// The `tabindex` of an item: only the chosen one is reached with Tab.
pub fn tab_index(chosen: bool) -> &'static str {
    if chosen {
        "0"
    } else {
        "-1"
    }
}
