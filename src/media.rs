//! What a photo or signature file is: its digest, format and pixel size.

use std::io::Cursor;

use image::ImageReader;
use sha2::{Digest, Sha256};

use crate::domain::applicant::{ImageFormat, ImageInfo};

/// Larger files are refused at registration: a phone photo is a few MB.
pub const MAX_ATTACHMENT_BYTES: u64 = 15_000_000;

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes the whole image (a header alone can lie) and reports its format
/// and size; `None` when it is not a JPEG or PNG that decodes.
pub fn inspect(bytes: &[u8]) -> Option<ImageInfo> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let format = match reader.format()? {
        image::ImageFormat::Png => ImageFormat::Png,
        image::ImageFormat::Jpeg => ImageFormat::Jpeg,
        _ => return None,
    };
    let decoded = reader.decode().ok()?;
    Some(ImageInfo {
        format,
        width: decoded.width(),
        height: decoded.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 180, 160]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_reports_its_size() {
        assert_eq!(
            inspect(&png(30, 40)),
            Some(ImageInfo {
                format: ImageFormat::Png,
                width: 30,
                height: 40
            })
        );
    }

    #[test]
    fn garbage_and_truncated_files_do_not_decode() {
        assert_eq!(inspect(b"not an image"), None);
        let mut truncated = png(300, 400);
        truncated.truncate(truncated.len() / 2);
        assert_eq!(inspect(&truncated), None);
        assert_eq!(inspect(&[]), None);
    }

    #[test]
    fn digests_are_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
