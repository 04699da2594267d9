//! The numbers a prediction computes with: one `f64`, or a pair of them
//! ([`F64x2`]) so that a batch classifies two flowers per instruction in the
//! wasm module (simd128).
//!
//! Every operation is a plain IEEE operation applied to each lane, so a pair
//! gives exactly the bits two single computations give: the batch path and
//! the one-flower path share the arithmetic in `classifier.rs`, written once
//! over [`Lanes`].

use core::ops::{Add, Div, Mul, Sub};

/// One or more `f64` values computed on together, lane by lane.
pub(crate) trait Lanes:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// Every lane set to `x`.
    fn splat(x: f64) -> Self;

    /// Per lane, `other` when `self < other`, else `self` (so NaN never
    /// decides; inputs are validated, so it never arises).
    fn max_lane(self, other: Self) -> Self;

    /// Per lane, `then` where `self == other`, else `otherwise`.
    fn if_eq(self, other: Self, then: Self, otherwise: Self) -> Self;

    /// A bit per lane (bit 0 for the first) set where the value lies
    /// outside `[min, max]`.
    fn outside(self, min: f64, max: f64) -> u8;

    /// A bit per lane (bit 0 for the first) set where `self > other`.
    fn gt_bits(self, other: Self) -> u8;

    /// Per lane, 2^(k/N) for the integer k = bits(self) − `base` (how the
    /// exponential rounds): `table[k mod N]` (2^(j/N) as bits, N a power
    /// of two) with ⌊k/N⌋ added to its exponent, wrapping. k/N must lie in
    /// [−1022, 0].
    fn exp2_steps<const N: usize>(self, base: u64, table: &[u64; N]) -> Self;
}

impl Lanes for f64 {
    #[inline(always)]
    fn splat(x: f64) -> Self {
        x
    }

    #[inline(always)]
    fn max_lane(self, other: Self) -> Self {
        if self < other {
            other
        } else {
            self
        }
    }

    #[inline(always)]
    fn if_eq(self, other: Self, then: Self, otherwise: Self) -> Self {
        if self == other {
            then
        } else {
            otherwise
        }
    }

    #[inline(always)]
    fn outside(self, min: f64, max: f64) -> u8 {
        u8::from(self < min || self > max)
    }

    #[inline(always)]
    fn gt_bits(self, other: Self) -> u8 {
        u8::from(self > other)
    }

    #[inline(always)]
    fn exp2_steps<const N: usize>(self, base: u64, table: &[u64; N]) -> Self {
        let k = self.to_bits().wrapping_sub(base) as i64;
        let power = table[k as usize & (N - 1)];
        f64::from_bits(power.wrapping_add(((k >> N.trailing_zeros()) as u64) << 52))
    }
}

pub(crate) use pair::F64x2;

/// Two lanes in one simd128 register.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use core::arch::wasm32::{
        f32x4, f64x2, f64x2_add, f64x2_div, f64x2_eq, f64x2_extract_lane, f64x2_gt, f64x2_lt,
        f64x2_mul, f64x2_pmax, f64x2_promote_low_f32x4, f64x2_splat, f64x2_sub, i32x4_shuffle,
        i64x2_add, i64x2_bitmask, i64x2_extract_lane, i64x2_shl, i64x2_shr, i64x2_shuffle,
        i64x2_sub, u64x2, u64x2_splat, v128, v128_bitselect, v128_or,
    };
    use core::ops::{Add, Div, Mul, Sub};

    use super::Lanes;

    /// Two `f64` lanes.
    #[derive(Clone, Copy)]
    pub(crate) struct F64x2(v128);

    impl F64x2 {
        /// The pair `[a, b]`.
        #[inline(always)]
        pub(crate) fn new(a: f64, b: f64) -> Self {
            F64x2(f64x2(a, b))
        }

        /// Both lanes.
        #[inline(always)]
        pub(crate) fn lanes(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }

        /// Two rows of four `f32` values, one after the other, as four
        /// pairs (one per value: the first row's in lane 0), each value
        /// converted exactly to `f64`. Two loads and a shuffle per value,
        /// not eight loads.
        #[inline(always)]
        pub(crate) fn from_rows(rows: &[f32; 8]) -> [F64x2; 4] {
            let a = f32x4(rows[0], rows[1], rows[2], rows[3]);
            let b = f32x4(rows[4], rows[5], rows[6], rows[7]);
            [
                i32x4_shuffle::<0, 4, 0, 4>(a, b),
                i32x4_shuffle::<1, 5, 1, 5>(a, b),
                i32x4_shuffle::<2, 6, 2, 6>(a, b),
                i32x4_shuffle::<3, 7, 3, 7>(a, b),
            ]
            .map(|v| F64x2(f64x2_promote_low_f32x4(v)))
        }

        /// Three pairs (one per species) as two rows of three, one after
        /// the other: `[a₀ b₀ c₀ a₁ b₁ c₁]`.
        #[inline(always)]
        pub(crate) fn to_rows([a, b, c]: [F64x2; 3]) -> [f64; 6] {
            let first = i64x2_shuffle::<0, 2>(a.0, b.0);
            let middle = i64x2_shuffle::<0, 3>(c.0, a.0);
            let last = i64x2_shuffle::<1, 3>(b.0, c.0);
            let [p, q] = F64x2(first).lanes();
            let [r, s] = F64x2(middle).lanes();
            let [t, u] = F64x2(last).lanes();
            [p, q, r, s, t, u]
        }
    }

    macro_rules! lanewise {
        ($trait:ident, $method:ident, $op:ident) => {
            impl $trait for F64x2 {
                type Output = F64x2;
                #[inline(always)]
                fn $method(self, other: F64x2) -> F64x2 {
                    F64x2($op(self.0, other.0))
                }
            }
        };
    }

    lanewise!(Add, add, f64x2_add);
    lanewise!(Sub, sub, f64x2_sub);
    lanewise!(Mul, mul, f64x2_mul);
    lanewise!(Div, div, f64x2_div);

    impl Lanes for F64x2 {
        #[inline(always)]
        fn splat(x: f64) -> Self {
            F64x2(f64x2_splat(x))
        }

        #[inline(always)]
        fn max_lane(self, other: Self) -> Self {
            // pmax(a, b) is `a < b ? b : a`, the scalar rule above.
            F64x2(f64x2_pmax(self.0, other.0))
        }

        #[inline(always)]
        fn if_eq(self, other: Self, then: Self, otherwise: Self) -> Self {
            F64x2(v128_bitselect(
                then.0,
                otherwise.0,
                f64x2_eq(self.0, other.0),
            ))
        }

        #[inline(always)]
        fn outside(self, min: f64, max: f64) -> u8 {
            let below = f64x2_lt(self.0, f64x2_splat(min));
            let above = f64x2_gt(self.0, f64x2_splat(max));
            i64x2_bitmask(v128_or(below, above))
        }

        #[inline(always)]
        fn gt_bits(self, other: Self) -> u8 {
            i64x2_bitmask(f64x2_gt(self.0, other.0))
        }

        #[inline(always)]
        fn exp2_steps<const N: usize>(self, base: u64, table: &[u64; N]) -> Self {
            let k = i64x2_sub(self.0, u64x2_splat(base));
            let power = |lane: i64| table[lane as usize & (N - 1)];
            let powers = u64x2(
                power(i64x2_extract_lane::<0>(k)),
                power(i64x2_extract_lane::<1>(k)),
            );
            F64x2(i64x2_add(
                powers,
                i64x2_shl(i64x2_shr(k, N.trailing_zeros()), 52),
            ))
        }
    }
}

/// Two lanes as two plain `f64`s, where simd128 is not available (native
/// builds): the same operations, one lane at a time.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    use core::ops::{Add, Div, Mul, Sub};

    use super::Lanes;

    /// Two `f64` lanes.
    #[derive(Clone, Copy)]
    pub(crate) struct F64x2([f64; 2]);

    impl F64x2 {
        /// The pair `[a, b]`.
        #[inline(always)]
        pub(crate) fn new(a: f64, b: f64) -> Self {
            F64x2([a, b])
        }

        /// Both lanes.
        #[inline(always)]
        pub(crate) fn lanes(self) -> [f64; 2] {
            self.0
        }

        /// Two rows of four `f32` values, one after the other, as four
        /// pairs (one per value: the first row's in lane 0), each value
        /// converted exactly to `f64`.
        #[inline(always)]
        pub(crate) fn from_rows(rows: &[f32; 8]) -> [F64x2; 4] {
            [0, 1, 2, 3].map(|i| F64x2([rows[i].into(), rows[4 + i].into()]))
        }

        /// Three pairs (one per species) as two rows of three, one after
        /// the other: `[a₀ b₀ c₀ a₁ b₁ c₁]`.
        #[inline(always)]
        pub(crate) fn to_rows([a, b, c]: [F64x2; 3]) -> [f64; 6] {
            [a.0[0], b.0[0], c.0[0], a.0[1], b.0[1], c.0[1]]
        }
    }

    macro_rules! lanewise {
        ($trait:ident, $method:ident) => {
            impl $trait for F64x2 {
                type Output = F64x2;
                #[inline(always)]
                fn $method(self, other: F64x2) -> F64x2 {
                    let [a, b] = self.0;
                    let [c, d] = other.0;
                    F64x2([a.$method(c), b.$method(d)])
                }
            }
        };
    }

    lanewise!(Add, add);
    lanewise!(Sub, sub);
    lanewise!(Mul, mul);
    lanewise!(Div, div);

    impl Lanes for F64x2 {
        #[inline(always)]
        fn splat(x: f64) -> Self {
            F64x2([x, x])
        }

        #[inline(always)]
        fn max_lane(self, other: Self) -> Self {
            F64x2([
                self.0[0].max_lane(other.0[0]),
                self.0[1].max_lane(other.0[1]),
            ])
        }

        #[inline(always)]
        fn if_eq(self, other: Self, then: Self, otherwise: Self) -> Self {
            let lane = |i: usize| self.0[i].if_eq(other.0[i], then.0[i], otherwise.0[i]);
            F64x2([lane(0), lane(1)])
        }

        #[inline(always)]
        fn outside(self, min: f64, max: f64) -> u8 {
            self.0[0].outside(min, max) | self.0[1].outside(min, max) << 1
        }

        #[inline(always)]
        fn gt_bits(self, other: Self) -> u8 {
            self.0[0].gt_bits(other.0[0]) | self.0[1].gt_bits(other.0[1]) << 1
        }

        #[inline(always)]
        fn exp2_steps<const N: usize>(self, base: u64, table: &[u64; N]) -> Self {
            F64x2([
                self.0[0].exp2_steps(base, table),
                self.0[1].exp2_steps(base, table),
            ])
        }
    }
}
