//! Repair of words glued together by lost markup. (Interface: to be implemented.)

use std::borrow::Cow;

/// Inserts the space lost between two words ("ongoingNagorno-Karabakh"), leaving real
/// camel-case names (iPhone, McDonald's, YouTube) alone.
pub fn repair_glued_words(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}
