// The part of unzipper 0.10 (no bundled types) that the workbook index uses.
declare module 'unzipper' {
  export interface CentralDirectoryFile {
    readonly path: string;
    readonly uncompressedSize: number;
    buffer(): Promise<Buffer>;
    stream(): NodeJS.ReadableStream;
  }
  export interface CentralDirectory {
    readonly files: readonly CentralDirectoryFile[];
  }
  export const Open: { file(path: string): Promise<CentralDirectory> };
}
