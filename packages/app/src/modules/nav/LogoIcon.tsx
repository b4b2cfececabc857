/** Three stacked layers: the platform under the teams' services. */
export const LogoMark = ({ size }: { size: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
    <path d="M16 3 29 9.5 16 16 3 9.5Z" fill="#F2A541" />
    <path
      d="M3 15.5 16 22l13-6.5"
      fill="none"
      stroke="#5BC0DE"
      strokeWidth="2.5"
    />
    <path
      d="M3 21.5 16 28l13-6.5"
      fill="none"
      stroke="#5BC0DE"
      strokeWidth="2.5"
    />
  </svg>
);

export const LogoIcon = () => <LogoMark size={28} />;
