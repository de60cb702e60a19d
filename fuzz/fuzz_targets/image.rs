//! Arbitrary bytes as a photo or signature: never a panic, never a decode
//! past the pixel limit. Body: `mesa::fuzzing::image_check`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mesa::fuzzing::image_check(data);
});
