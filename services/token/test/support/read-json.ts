/** The JSON body of a test response, loosely typed so assertions can reach into it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const readJson = (res: Response): Promise<any> => res.json();
