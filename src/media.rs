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

/// No photo or signature needs more pixels than this (a 40 Mpx camera's
/// full frame); larger ones are refused from their header, undecoded.
pub const MAX_PIXELS: u64 = 40_000_000;
/// What decoding may allocate at most (RGBA of `MAX_PIXELS`, plus room).
const MAX_DECODE_BYTES: u64 = 4 * MAX_PIXELS + (16 << 20);

/// Why bytes are not an image the desk accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not a JPEG or PNG that decodes.
    NotAnImage,
    /// The header declares more than `MAX_PIXELS`.
    TooManyPixels { width: u32, height: u32 },
}

/// Decodes the whole image (a header alone can lie) and reports its format
/// and size; `None` when it is not a JPEG or PNG that decodes within the
/// limits.
pub fn inspect(bytes: &[u8]) -> Option<ImageInfo> {
    inspect_limited(bytes).ok()
}

/// As `inspect`, saying why not: the dimensions are read from the header
/// first and an image over `MAX_PIXELS` is never decoded; the decode
/// itself runs under `image`'s allocation limit.
pub fn inspect_limited(bytes: &[u8]) -> Result<ImageInfo, Refused> {
    let (format, decoded) = decode_limited(bytes)?;
    Ok(ImageInfo {
        format,
        width: decoded.width(),
        height: decoded.height(),
    })
}

/// The decoded image, under the same limits as `inspect_limited` (the
/// console's photo panel shows it).
pub fn decode_limited(bytes: &[u8]) -> Result<(ImageFormat, image::DynamicImage), Refused> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| Refused::NotAnImage)
    };
    let first = reader()?;
    let format = match first.format() {
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        _ => return Err(Refused::NotAnImage),
    };
    let (width, height) = first.into_dimensions().map_err(|_| Refused::NotAnImage)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refused::TooManyPixels { width, height });
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut second = reader()?;
    second.limits(limits);
    let decoded = second.decode().map_err(|_| Refused::NotAnImage)?;
    Ok((format, decoded))
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
