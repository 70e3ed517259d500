//! Unit tests of the event rules on sentences written for them.
