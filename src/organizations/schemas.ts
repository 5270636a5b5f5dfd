// The organizations API's contract, shared by the server and the web app.

export interface OrganizationView {
  id: string;
  name: string;
  shortName: string | null;
  kind: 'council' | 'committee' | 'executive' | 'alderman' | 'unit';
  parentId: string | null;
}

export interface BodyView {
  id: string;
  name: string;
  organizations: OrganizationView[];
}
