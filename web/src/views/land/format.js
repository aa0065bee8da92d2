// The land pages' money: fen as yuan with two decimals, grouped as on every money page
// ("6,640,810.20"; "" for none).
import { fenText } from '../../yuan.js'

export const yuan = (fen) => (fen ? fenText(fen) : '')
