//! Generated photos and signatures: plausible shapes, real PNG/JPEG files.

use std::f32::consts::{PI, TAU};
use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

use super::rng::Rng;

fn encode(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format)
        .expect("encoding to memory cannot fail");
    out.into_inner()
}

/// A head-and-shoulders silhouette on a plain background.
pub fn portrait(rng: &mut Rng, width: u32, height: u32, jpeg: bool) -> Vec<u8> {
    let bg = Rgb([230, 235, 240]);
    let skin = [
        Rgb([198, 150, 110]),
        Rgb([170, 120, 85]),
        Rgb([140, 100, 70]),
    ][rng.below(3) as usize];
    let shirt = Rgb([
        (rng.below(120) + 40) as u8,
        (rng.below(120) + 40) as u8,
        (rng.below(160) + 60) as u8,
    ]);
    let (cx, cy) = (width as f32 / 2.0, height as f32 * 0.38);
    let (rx, ry) = (width as f32 * 0.22, height as f32 * 0.2);
    let img = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let head = ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2) <= 1.0;
        let body = fy > height as f32 * 0.66
            && (fx - cx).abs() < width as f32 * (0.2 + (fy / height as f32 - 0.66) * 1.2);
        if head {
            skin
        } else if body {
            shirt
        } else {
            bg
        }
    });
    encode(
        &img,
        if jpeg {
            ImageFormat::Jpeg
        } else {
            ImageFormat::Png
        },
    )
}

/// A blue-ink scribble, wider than tall.
pub fn signature(rng: &mut Rng, width: u32, height: u32) -> Vec<u8> {
    let mut img = RgbImage::from_pixel(width, height, Rgb([250, 250, 250]));
    let ink = Rgb([20, 40, 160]);
    let (a, b, c) = (
        rng.below(5) as f32 + 2.0,
        rng.below(7) as f32 + 3.0,
        rng.below(100) as f32 / 10.0,
    );
    for step in 0..(width * 4) {
        let t = step as f32 / (width * 4) as f32;
        let x = width as f32 * (0.1 + 0.8 * t);
        let y = height as f32 * (0.5 + 0.3 * (t * a * TAU + c).sin() * (t * b * PI).cos());
        for dy in 0..2 {
            let (px, py) = (x as u32, (y as u32 + dy).min(height - 1));
            img.put_pixel(px.min(width - 1), py, ink);
        }
    }
    encode(&img, ImageFormat::Png)
}
