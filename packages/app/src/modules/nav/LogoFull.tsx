import { makeStyles } from '@material-ui/core';
import { LogoMark } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10, color: '#fff' },
  name: {
    fontSize: 17,
    fontWeight: 700,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
  sub: { fontSize: 11, opacity: 0.75, letterSpacing: 0.5 },
});

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <LogoMark size={30} />
      <div>
        <div className={classes.name}>Acme</div>
        <div className={classes.sub}>DEVELOPER PORTAL</div>
      </div>
    </div>
  );
};
