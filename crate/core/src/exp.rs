//! The exponential a softmax needs: e^x for x ≤ 0, on one `f64` or on a
//! pair of them ([`crate::lanes::F64x2`]), with the same bits either way.

use crate::lanes::Lanes;
use crate::species::PerSpecies;

/// Bits of the table's step: x is reduced by multiples of ln(2) / 2^STEP_BITS.
const STEP_BITS: u32 = 4;
/// 2^STEP_BITS / ln 2 (exact: a power of two times log2(e)).
const STEPS_PER_LN2: f64 = (1 << STEP_BITS) as f64 * core::f64::consts::LOG2_E;
/// ln 2 / 2^STEP_BITS split so that k · STEP_HI is exact for |k| < 2^21
/// (fdlibm's split of ln 2, scaled by a power of two).
const STEP_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000) / (1 << STEP_BITS) as f64;
const STEP_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76) / (1 << STEP_BITS) as f64;
/// Adding 1.5 · 2^52 rounds to an integer held in the low mantissa bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// Below this, e^x is taken as e^FLOOR (a subnormal-free 3.3e−308).
const FLOOR: f64 = -708.0;
/// Bits of 2^(j/16) for j in 0..16, each correctly rounded (computed to 60
/// digits; the test below checks them against `exp2`).
const TABLE: [u64; 1 << STEP_BITS] = [
    0x3ff0_0000_0000_0000,
    0x3ff0_b558_6cf9_890f,
    0x3ff1_72b8_3c7d_517b,
    0x3ff2_387a_6e75_6238,
    0x3ff3_06fe_0a31_b715,
    0x3ff3_dea6_4c12_3422,
    0x3ff4_bfda_d536_2a27,
    0x3ff5_ab07_dd48_5429,
    0x3ff6_a09e_667f_3bcd,
    0x3ff7_a114_73eb_0187,
    0x3ff8_ace5_422a_a0db,
    0x3ff9_c491_82a3_f090,
    0x3ffa_e89f_995a_d3ad,
    0x3ffc_199b_dd85_529c,
    0x3ffd_5818_dcfb_a487,
    0x3ffe_a4af_a2a4_90da,
];

/// e^d of each shifted score, where (per lane) at least one `d` is 0, the
/// top score's: its exponential is exactly 1, so only two are computed.
/// Exactly the bits of [`nonpositive`] on each, which gives 1 for ±0.
#[inline(always)]
pub(crate) fn each<L: Lanes>([d0, d1, d2]: PerSpecies<L>) -> PerSpecies<L> {
    let (zero, one) = (L::splat(0.0), L::splat(1.0));
    // The two scores that are not the top: d0 unless it is the top, d2
    // unless it is the top, d1 in place of the one that is.
    let u = nonpositive(d0.if_eq(zero, d1, d0));
    let v = nonpositive(d2.if_eq(zero, d1, d2));
    [
        d0.if_eq(zero, one, u),
        d0.if_eq(zero, u, d2.if_eq(zero, v, one)),
        d2.if_eq(zero, one, v),
    ]
}

/// e^x for x ≤ 0, to within a few units in the last place, with no branch
/// (a softmax over varied rows otherwise spends its time on mispredicted
/// branches) and only IEEE additions and multiplications, so every target
/// computes the same bits. Below −708 the result is e^−708 (about
/// 3.3e−308) instead of something smaller: as a share of a softmax that
/// is zero either way.
///
/// x = k · ln(2)/16 + r with |r| ≤ ln(2)/32, so e^x = 2^(k/16) · e^r: the
/// power of two comes from [`TABLE`] and the exponent bits, and e^r from
/// a degree-7 polynomial (its truncation error is below 2e−18).
#[inline(always)]
pub(crate) fn nonpositive<L: Lanes>(x: L) -> L {
    let c = L::splat;
    let x = x.max_lane(c(FLOOR));
    let shifted = x * c(STEPS_PER_LN2) + c(SHIFT);
    let k = shifted - c(SHIFT);
    let r = (x - k * c(STEP_HI)) - k * c(STEP_LO);
    // Estrin's scheme: a short chain of dependent steps, so the pipeline
    // overlaps the species (and the rows of a pair).
    let r2 = r * r;
    let low = c(1.0 / 2.0) + c(1.0 / 6.0) * r;
    let high = (c(1.0 / 24.0) + c(1.0 / 120.0) * r) + (c(1.0 / 720.0) + c(1.0 / 5040.0) * r) * r2;
    let e_r = (r + r2 * (low + high * r2)) + c(1.0);
    e_r * shifted.exp2_steps(SHIFT.to_bits(), &TABLE)
}

#[cfg(test)]
mod tests {
    use super::{each, nonpositive};
    use crate::lanes::F64x2;

    /// Distance in units in the last place.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn the_table_holds_powers_of_two() {
        for (j, bits) in super::TABLE.into_iter().enumerate() {
            let exact = (j as f64 / super::TABLE.len() as f64).exp2();
            assert!(ulps(f64::from_bits(bits), exact) <= 1, "{j}");
        }
    }

    #[test]
    fn exp_matches_the_reference_within_a_few_ulps() {
        let mut worst = 0;
        let mut x = 0.0;
        while x > -700.0 {
            worst = worst.max(ulps(nonpositive(x), x.exp()));
            x -= 0.000_731;
        }
        let ln2 = core::f64::consts::LN_2;
        for x in [0.0, -0.0, -1e-300, -ln2 / 2.0, -ln2, -1.0, -700.0] {
            worst = worst.max(ulps(nonpositive(x), x.exp()));
        }
        assert!(worst <= 4, "{worst} ulps");
        assert_eq!(nonpositive(0.0), 1.0);
        assert!(nonpositive(-800.0) > 0.0 && nonpositive(-800.0) < 4e-308);
        assert!(nonpositive(f64::NEG_INFINITY) < 4e-308);
    }

    #[test]
    fn two_exponentials_give_the_bits_of_three_whatever_the_top() {
        let others = [-0.0, -1e-300, -0.37, -2.5, -700.0, -800.0];
        let mut cases = Vec::new();
        for &a in &others {
            for &b in &others {
                cases.extend([[0.0, a, b], [a, 0.0, b], [a, b, 0.0]]);
            }
        }
        for d in cases {
            let expected = d.map(nonpositive).map(f64::to_bits);
            assert_eq!(each(d).map(f64::to_bits), expected, "{d:?}");
            // In a pair of lanes, beside a row whose top is elsewhere.
            let other = [d[2], d[0], d[1]];
            let pair = each([0, 1, 2].map(|i| F64x2::new(d[i], other[i])));
            assert_eq!(pair.map(|p| p.lanes()[0].to_bits()), expected, "{d:?}");
            let other_expected = other.map(nonpositive).map(f64::to_bits);
            assert_eq!(
                pair.map(|p| p.lanes()[1].to_bits()),
                other_expected,
                "{d:?}"
            );
        }
    }
}
