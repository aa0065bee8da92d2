// The land pages' money: fen as yuan with two decimals ("" for none).
export const yuan = (fen) => (fen ? `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` : '')
