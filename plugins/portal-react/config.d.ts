export interface Config {
  portal?: {
    /**
     * True when the portal runs on the demo organisation (`./portal start --demo`, set by
     * app-config.demo.yaml): pages with GitHub or Kubernetes data say so in one line.
     * @visibility frontend
     */
    demo?: boolean;
  };
}
