/** Graph's request types in the words people use. */
export const requestTypeLabels: Record<string, string> = {
  userAdd: 'Request',
  userUpdate: 'Extension',
  userRemove: 'Removal',
  adminAdd: 'Assigned by an administrator',
  adminUpdate: 'Changed by an administrator',
  adminRemove: 'Removed by an administrator',
  systemAdd: 'Assigned automatically',
  systemRemove: 'Removed automatically',
};

export const describeRequestType = (type: string) => requestTypeLabels[type] ?? type;
