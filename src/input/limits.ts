/** The most columns a worksheet has (A to XFD): what Excel itself holds. */
export const EXCEL_COLUMNS = 16_384;
