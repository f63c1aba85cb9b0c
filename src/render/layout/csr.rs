//! Adjacency lists in one array (compressed sparse rows), shared by the layout phases.
//! Depends on nothing.

/// Lists of indices for the rows `0..n`, stored back to back.
#[derive(Clone, Debug, Default)]
pub(super) struct Csr {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Csr {
    /// Builds the rows from `(row, item)` pairs. Each row keeps its items in the order
    /// they are given; pairs whose row is `n` or more are dropped.
    pub(super) fn new(n: usize, pairs: &[(usize, usize)]) -> Csr {
        let mut start = vec![0; n + 1];
        for &(row, _) in pairs.iter().filter(|(row, _)| *row < n) {
            start[row + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![0; start[n]];
        for &(row, item) in pairs.iter().filter(|(row, _)| *row < n) {
            items[fill[row]] = item;
            fill[row] += 1;
        }
        Csr { start, items }
    }

    /// The items of one row (empty for a row out of range).
    pub(super) fn row(&self, row: usize) -> &[usize] {
        match (self.start.get(row), self.start.get(row + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }

    /// The number of items in all rows.
    pub(super) fn total(&self) -> usize {
        self.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn rows_keep_the_given_order() {
        let csr = Csr::new(3, &[(2, 7), (0, 1), (2, 5), (9, 9)]);
        assert_eq!(csr.row(0), &[1]);
        assert_eq!(csr.row(1), &[] as &[usize]);
        assert_eq!(csr.row(2), &[7, 5]);
        assert_eq!(csr.row(3), &[] as &[usize]);
        assert_eq!(csr.total(), 3);
    }
}
