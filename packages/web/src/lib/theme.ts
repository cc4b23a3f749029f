/** The Mantine theme of the app: its blue, its font and sizes (styles.css keeps the page's own look). */
import { createTheme, type MantineColorsTuple } from "@mantine/core";

const accent: MantineColorsTuple = [
  "#e8f1fb",
  "#cfe0f4",
  "#a0bfe8",
  "#6d9cdb",
  "#447fd0",
  "#2b6cc9",
  "#1c5fa8",
  "#154f8f",
  "#0e4077",
  "#06305f",
];

export const theme = createTheme({
  primaryColor: "accent",
  colors: { accent },
  primaryShade: 6,
  fontFamily: '"Segoe UI", "PT Sans", system-ui, sans-serif',
  fontSizes: { sm: "14px", md: "14px" },
  defaultRadius: "sm",
});
